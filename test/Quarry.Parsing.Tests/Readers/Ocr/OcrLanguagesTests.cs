using Quarry.Parsing.Errors;
using Quarry.Parsing.Readers.Ocr;

namespace Quarry.Parsing.Tests.Readers.Ocr;

/// <summary>MinerU's lang values to recognition models, and the errors for a value that cannot be read.</summary>
public sealed class OcrLanguagesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("quarry-lang-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("ch", "ch")]
    [InlineData("en", "ch")]
    [InlineData("ch_server", "ch")]
    [InlineData("arabic", "arabic")]
    [InlineData("fa", "arabic")]
    [InlineData("ru", "east_slavic")]
    [InlineData("bg", "cyrillic")]
    [InlineData("hi", "devanagari")]
    [InlineData("latin", "latin")]
    [InlineData("japan", "japan")]
    public void Each_value_reads_with_the_model_MinerU_gives_it(string lang, string key) =>
        Assert.Equal(key, OcrLanguages.Find(lang)?.Key);

    [Fact]
    public void Only_arabic_is_read_right_to_left() =>
        Assert.Equal(["arabic"], OcrLanguages.Names.Select(OcrLanguages.Find).Where(l => l!.RightToLeft).Select(l => l!.Key).Distinct());

    [Fact]
    public void Languages_the_Chinese_model_cannot_read_have_their_own_model()
    {
        // The v4 Chinese dictionary has no kana, no Cyrillic, no Arabic: these must never read with it.
        foreach (var lang in new[] { "japan", "latin", "arabic", "cyrillic", "east_slavic", "korean", "devanagari", "th", "el", "ta", "te", "ka", "chinese_cht" })
        {
            Assert.NotEqual(OcrLanguages.Default.RecognizerFile, OcrLanguages.Find(lang)!.RecognizerFile);
        }
    }

    [Fact]
    public void An_unknown_value_is_invalid_input_listing_the_known_ones()
    {
        var ex = Assert.Throws<ParseException>(() => OcrLanguages.Require("klingon", _dir));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains("unknown OCR language 'klingon'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("east_slavic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_whose_model_is_absent_is_invalid_input_naming_the_install_step_and_files()
    {
        var ex = Assert.Throws<ParseException>(() => OcrLanguages.Require("ar", _dir));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains("scripts/install-models.sh arabic", ex.Message, StringComparison.Ordinal);
        Assert.Contains("arabic_PP-OCRv5_rec_infer.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ppocrv5_arabic_dict.txt", ex.Message, StringComparison.Ordinal);
        // Nor does a missing models folder fall back to anything.
        Assert.Throws<ParseException>(() => OcrLanguages.Require("ar", null));
    }

    [Fact]
    public void A_language_is_usable_once_its_model_and_dictionary_are_in_the_folder()
    {
        var arabic = OcrLanguages.Find("arabic")!;
        File.WriteAllText(Path.Combine(_dir, arabic.RecognizerFile), "");
        Assert.Throws<ParseException>(() => OcrLanguages.Require("arabic", _dir)); // the dictionary is still missing
        File.WriteAllText(Path.Combine(_dir, arabic.DictionaryFile), "");
        Assert.Equal(arabic, OcrLanguages.Require("arabic", _dir));
    }

    [Fact]
    public void The_default_model_is_not_checked_here_its_absence_is_reported_as_missing_OCR() =>
        Assert.Equal(OcrLanguages.Default, OcrLanguages.Require("en", _dir));
}
