using Quarry.Core.Text;

namespace Quarry.Core.Tests.Text;

/// <summary>Levels from numbering where titles share one size: decimal depth, and schemes nested in the order the
/// document first uses them.</summary>
public class HeadingLevelsTests
{
    private static int[] Levels(params string[] texts) => HeadingLevels.Assign(texts.Select(t => new TitleInfo(t, 10, null)).ToList());

    [Fact]
    public void Decimal_depth_nests()
    {
        Assert.Equal([1, 2, 3, 1], Levels("1 Introduction", "1.1 Scope", "1.1.1 Terms", "2 Method"));
    }

    [Fact]
    public void Roman_then_parenthesised_then_letters_nest_in_order_of_first_appearance()
    {
        Assert.Equal([1, 2, 3, 2, 1], Levels("I. Introduction", "(1) Overview", "a) Tokens", "(2) Details", "II. Results"));
    }

    [Fact]
    public void A_scheme_first_used_inside_another_nests_under_it_whatever_the_scheme()
    {
        Assert.Equal([1, 2, 2, 1], Levels("A. Setup", "1. Install", "2. Configure", "B. Use"));
    }

    [Fact]
    public void Appendix_letters_after_all_the_sections_stay_at_the_top()
    {
        Assert.Equal([1, 2, 1, 1], Levels("1 Introduction", "1.1 Scope", "2 Method", "A. Proofs"));
    }

    [Fact]
    public void A_letter_c_after_a_and_b_is_a_letter_and_a_title_opening_with_a_word_is_not_numbered()
    {
        Assert.Equal([1, 2, 1, 2, 1], Levels("A. Setup", "(1) Install", "B. Use", "(2) Run", "C. Limits"));
        Assert.Equal([1, 1], Levels("A Study of Things", "I Think Therefore"));
    }
}
