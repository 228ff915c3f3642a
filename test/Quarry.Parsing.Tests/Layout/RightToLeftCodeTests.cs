using Quarry.Core.Model;
using Quarry.Parsing.Tests.Fixtures.Scripts;

namespace Quarry.Parsing.Tests.Layout;

/// <summary>A code listing keeps its layout, and a right-to-left string inside it reads in logical order.</summary>
public class RightToLeftCodeTests
{
    [Fact]
    public void A_hebrew_literal_in_a_code_line_reads_in_logical_order()
    {
        var code = Assert.Single(ScriptFixtures.Parse("rtl-code").BodyBlocks, b => b.Type == BlockType.Code);
        Assert.Equal(["def greet(user_name):", "    greeting_text = \"שלום\" # shown to the user", "    return greeting_text"], code.Text.Split('\n'));
    }
}
