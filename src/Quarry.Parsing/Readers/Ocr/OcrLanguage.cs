namespace Quarry.Parsing.Readers.Ocr;

/// <summary>
/// One recognition model of MinerU's <c>lang</c> table (its key, e.g. <c>arabic</c>), as the ONNX file and
/// dictionary PaddleOCR names them, in the models folder beside the shared detector and classifier.
/// </summary>
/// <param name="Key">MinerU's model key (<c>models_config.yml</c>), the name <c>scripts/install-models.sh</c> takes.</param>
/// <param name="RightToLeft">The script is written right to left: the model reads the crop left to right, so its
/// output is in visual order and is turned to logical order (<see cref="LogicalOrder"/>).</param>
public sealed record OcrLanguage(string Key, string RecognizerFile, string DictionaryFile, bool RightToLeft = false)
{
    /// <summary>
    /// The part of an error message that says how to get this model: the install step for a language, and
    /// what it installs or where the files go. Kept in one place so the CLI, the job API and the install
    /// script say the same thing.
    /// </summary>
    public string InstallHint => this == OcrLanguages.Default
        ? OcrModels.InstallHint
        : $"run scripts/install-models.sh {Key} (no package on the reachable registries ships it yet: put PaddleOCR's "
          + $"{Key} recognition model exported to ONNX as {RecognizerFile}, with its dictionary {DictionaryFile}, in the models folder)";
}
