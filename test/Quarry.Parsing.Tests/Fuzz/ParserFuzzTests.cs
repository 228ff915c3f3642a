using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;
using Xunit.Abstractions;

namespace Quarry.Parsing.Tests.Fuzz;

/// <summary>Runs alone: the memory check reads the whole process's resident set, so no other test may run beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "Fuzz (alone)";
}

/// <summary>
/// Deterministic fuzzing of the parser's public entry point: every family makes a fixed number of mutants from
/// the sample PDFs and two synthetic corpus documents (fixed seeds, so a failure names a mutant that can be
/// made again), and every mutant must parse or fail with a structured code other than INTERNAL, within the
/// per-document budget, without growing the process by more than the memory bound.
/// Set QUARRY_FUZZ_DUMP=DIR to write the failing mutants there.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private const int BaseSeed = 20261125;
    private const int MutantsPerFamily = 24;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private const long MemoryBound = 512L << 20;

    private static readonly MutationFamily[] Families =
    [
        new("bitflip", ByteMutations.FlipBits),
        new("overwrite", ByteMutations.Overwrite),
        new("truncate", ByteMutations.Truncate),
        new("duplicate-chunk", ByteMutations.DuplicateChunk),
        new("bad-xref", ByteMutations.BadXref),
        new("huge-length", ObjectMutations.HugeLength),
        new("recursive-kids", ObjectMutations.RecursiveKids),
        new("bad-filter-chain", ObjectMutations.BadFilterChain),
        new("decodeparms", ObjectMutations.DecodeParmsNonsense),
        new("image-dimensions", ObjectMutations.ImageDimensions),
        new("garbage-font", ObjectMutations.GarbageFont),
        new("garbage-content", ObjectMutations.GarbageContent),
    ];

    private static readonly Lazy<PdfFile[]> Seeds = new(() =>
    [
        Load(RepoPaths.Sample("report.pdf"), "report.pdf"),
        Load(RepoPaths.Sample("two-column.pdf"), "two-column.pdf"),
        Load(Path.Combine(RepoPaths.Corpus("synthetic"), "report-tables-7-002", "doc.pdf"), "report-tables-7-002"),
        Load(Path.Combine(RepoPaths.Corpus("synthetic"), "article-1col-7-000", "doc.pdf"), "article-1col-7-000"),
    ]);

    public static TheoryData<string> FamilyNames() => [.. Families.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void Every_mutant_parses_or_fails_with_a_structured_code_in_bounded_time_and_memory(string family)
    {
        var mutants = Make(Families.Single(f => f.Name == family));
        Assert.Equal(MutantsPerFamily, mutants.Count);
        var outcomes = mutants.Select(m => (Mutant: m, Outcome: GuardedParse.Run(m.Bytes, m.ToString(), Budget, Grace, MemoryBound))).ToList();

        var bad = outcomes.Where(o => o.Outcome.IsViolation || o.Outcome.PeakGrowthBytes > MemoryBound).ToList();
        output.WriteLine(Summary(family, outcomes));
        foreach (var (mutant, outcome) in bad)
        {
            output.WriteLine($"FAIL {mutant}: {outcome.Result} after {outcome.Elapsed.TotalSeconds:0.00} s, peak +{outcome.PeakGrowthBytes >> 20} MB: {outcome.Message}");
            Dump(mutant);
        }
        Assert.True(bad.Count == 0, $"{bad.Count} of {mutants.Count} {family} mutants broke the contract:\n"
            + string.Join('\n', bad.Select(b => $"{b.Mutant}: {b.Outcome.Result} ({b.Outcome.Elapsed.TotalSeconds:0.00} s, peak +{b.Outcome.PeakGrowthBytes >> 20} MB) {b.Outcome.Message}")));
    }

    [Fact]
    public void Mutants_are_the_same_on_every_run()
    {
        foreach (var family in Families)
        {
            var first = Make(family);
            var second = Make(family);
            Assert.Equal(first.Select(m => m.What), second.Select(m => m.What));
            Assert.All(first.Zip(second), p => Assert.Equal(p.First.Bytes, p.Second.Bytes));
        }
    }

    /// <summary>The object-level families rely on incremental updates reaching the parser, in classic and xref-stream files alike.</summary>
    [Fact]
    public void An_incremental_update_replaces_the_object_the_parser_reads()
    {
        foreach (var seed in Seeds.Value)
        {
            var content = seed.Objects.First(o => seed.Inflated(o) is { } d && Regex.IsMatch(Encoding.Latin1.GetString(d), @"/\S+\s+[\d.]+\s+Tf"));
            var text = Encoding.Latin1.GetString(seed.Inflated(content)!);
            var font = Regex.Match(text, @"(/\S+)\s+[\d.]+\s+Tf").Groups[1].Value;
            var data = PdfFile.Deflate(Encoding.Latin1.GetBytes(text + $"\nBT {font} 11 Tf 1 0 0 1 100 420 Tm (Zyxwvut) Tj ET\n"));
            var mutated = seed.WithObject(content.Number, PdfFile.SetEntry(content.Dict, "/Length", data.Length.ToString(CultureInfo.InvariantCulture)), data);

            var before = MarkdownWriter.Write(DocumentParser.Parse(seed.Bytes, "seed", "txt", new ParseOptions()));
            var after = MarkdownWriter.Write(DocumentParser.Parse(mutated, "seed", "txt", new ParseOptions()));
            Assert.DoesNotContain("Zyxwvut", before, StringComparison.Ordinal);
            Assert.Contains("Zyxwvut", after, StringComparison.Ordinal);
        }
    }

    /// <summary>Mutant i of a family: its own RNG seed, and the first source (from seed i mod count on) the family can edit.</summary>
    private static List<Mutant> Make(MutationFamily family)
    {
        var familySeed = BaseSeed + (Array.IndexOf(Families, family) * 1000);
        var seeds = Seeds.Value;
        var mutants = new List<Mutant>();
        for (var i = 0; i < MutantsPerFamily; i++)
        {
            for (var k = 0; k < seeds.Length; k++)
            {
                var source = seeds[(i + k) % seeds.Length];
                if (family.Make(source, new Random(familySeed + i)) is { } made)
                {
                    mutants.Add(new Mutant(family.Name, i, source.Name, made.What, made.Bytes));
                    break;
                }
            }
        }
        return mutants;
    }

    private static string Summary(string family, List<(Mutant Mutant, ParseOutcome Outcome)> outcomes)
    {
        var counts = outcomes.GroupBy(o => o.Outcome.Result).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}={g.Count()}");
        var slowest = outcomes.MaxBy(o => o.Outcome.Elapsed);
        var hungriest = outcomes.MaxBy(o => o.Outcome.PeakGrowthBytes);
        return $"{family}: mutants={outcomes.Count} ok={outcomes.Count(o => o.Outcome.Result == "ok")} [{string.Join(' ', counts)}] "
            + $"total {outcomes.Sum(o => o.Outcome.Elapsed.TotalSeconds):0.0} s, slowest {slowest.Outcome.Elapsed.TotalSeconds:0.00} s ({slowest.Mutant.Family}#{slowest.Mutant.Index}), "
            + $"peak +{hungriest.Outcome.PeakGrowthBytes >> 20} MB ({hungriest.Mutant.Family}#{hungriest.Mutant.Index}), most allocated {outcomes.Max(o => o.Outcome.AllocatedBytes) >> 20} MB";
    }

    private static void Dump(Mutant mutant)
    {
        var dir = Environment.GetEnvironmentVariable("QUARRY_FUZZ_DUMP");
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, $"{mutant.Family}-{mutant.Index}.pdf"), mutant.Bytes);
        }
    }

    private static PdfFile Load(string path, string name) => new(name, File.ReadAllBytes(path));
}
