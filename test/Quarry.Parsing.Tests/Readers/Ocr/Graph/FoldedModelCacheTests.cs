using Microsoft.ML.OnnxRuntime;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Readers.Ocr.Graph;

namespace Quarry.Parsing.Tests.Readers.Ocr.Graph;

/// <summary>
/// The folded models are cached on disk: a later load reads them back instead of rewriting, and a missing,
/// stale or damaged entry, or a folder that cannot be written, costs only the rewrite.
/// </summary>
public sealed class FoldedModelCacheTests : IDisposable
{
    private const string Model = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
    private readonly string _root = Directory.CreateTempSubdirectory("quarry-fold-cache-").FullName;
    private readonly string _models;
    private readonly string _fallback;
    private int _folds;

    public FoldedModelCacheTests()
    {
        _models = Directory.CreateDirectory(Path.Combine(_root, "models")).FullName;
        _fallback = Path.Combine(_root, "fallback");
        File.Copy(Path.Combine(OcrModels.Locate() ?? throw new InvalidOperationException("OCR models not installed"), Model), Source);
    }

    private string Source => Path.Combine(_models, Model);

    private byte[] Load(string variant = "") => new FoldedModelCache(_fallback).Get(Source, variant, bytes =>
    {
        _folds++;
        return ModelFolding.Fold(bytes).Model;
    });

    private string[] Entries(string dir) => Directory.Exists(dir) ? Directory.GetFiles(dir) : [];

    [Fact]
    public void A_miss_folds_and_writes_one_entry_beside_the_models_and_a_hit_reads_it_back()
    {
        var first = Load();
        var second = Load();

        Assert.Equal(1, _folds);
        Assert.Equal(first, second);
        Assert.Equal(ModelFolding.Fold(Source).Model, second);
        var entry = Assert.Single(Entries(Path.Combine(_models, "folded")));
        Assert.StartsWith(Model + ".", Path.GetFileName(entry), StringComparison.Ordinal);
        Assert.Empty(Entries(_fallback));
        using var options = new OcrThreading().ToSessionOptions();
        using var session = new InferenceSession(second, options);
        Assert.Single(session.InputNames);
    }

    [Fact]
    public void A_replaced_model_misses_and_its_stale_entry_is_dropped()
    {
        var before = Load();
        var staleEntry = Assert.Single(Entries(Path.Combine(_models, "folded")));
        // Another model under the same name (here: the detector), as an update of the models would bring.
        File.Copy(Path.Combine(OcrModels.Locate()!, "ch_PP-OCRv4_det_infer.onnx"), Source, overwrite: true);

        var after = Load();

        Assert.Equal(2, _folds);
        Assert.NotEqual(before, after);
        Assert.Equal(ModelFolding.Fold(Source).Model, after);
        var entry = Assert.Single(Entries(Path.Combine(_models, "folded")));
        Assert.NotEqual(staleEntry, entry);
    }

    [Fact]
    public void Two_variants_of_one_model_are_kept_side_by_side()
    {
        Load();
        Load("-int8");
        Load();
        Load("-int8");

        Assert.Equal(2, _folds);
        Assert.Equal(2, Entries(Path.Combine(_models, "folded")).Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_damaged_entry_is_rewritten(bool truncated)
    {
        var expected = Load();
        var entry = Assert.Single(Entries(Path.Combine(_models, "folded")));
        var bytes = File.ReadAllBytes(entry);
        if (truncated)
        {
            File.WriteAllBytes(entry, bytes[..(bytes.Length / 2)]);
        }
        else
        {
            bytes[bytes.Length / 2] ^= 0x5A;
            File.WriteAllBytes(entry, bytes);
        }

        Assert.Equal(expected, Load());
        Assert.Equal(2, _folds);
        Assert.Equal(expected, Load());
        Assert.Equal(2, _folds);
    }

    [Fact]
    public void A_models_folder_that_cannot_be_written_caches_in_the_fallback_folder()
    {
        // The cache folder cannot be made there: a file holds its name (permissions alone do not stop root,
        // which runs these tests in CI), and the folder is read-only for everyone else.
        File.WriteAllText(Path.Combine(_models, "folded"), "");
        SetMode(_models, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var first = Load();
            var second = Load();

            Assert.Equal(1, _folds);
            Assert.Equal(first, second);
            Assert.Single(Entries(_fallback));
        }
        finally
        {
            SetMode(_models, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void With_nowhere_to_write_the_model_is_still_folded()
    {
        File.WriteAllText(Path.Combine(_models, "folded"), "");
        File.WriteAllText(_fallback, "");

        Assert.Equal(ModelFolding.Fold(Source).Model, Load());
        Assert.Equal(ModelFolding.Fold(Source).Model, Load());
        Assert.Equal(2, _folds);
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
