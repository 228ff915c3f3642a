namespace Quarry.Parsing.Tests.Fuzz;

/// <summary>One mutated document and how to make it again: family, index (which fixes the RNG seed), source and the edit.</summary>
internal sealed record Mutant(string Family, int Index, string Source, string What, byte[] Bytes)
{
    public override string ToString() => $"{Family}#{Index} from {Source}: {What}";
}

/// <summary>A kind of mutation: makes one edit of <paramref name="Make"/>'s kind, or returns null where the file has nothing to edit.</summary>
internal sealed record MutationFamily(string Name, Func<PdfFile, Random, (string What, byte[] Bytes)?> Make);
