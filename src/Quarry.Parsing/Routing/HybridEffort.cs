namespace Quarry.Parsing.Routing;

/// <summary>How much of a document <c>hybrid</c> gives the model (the job's <c>effort</c>).</summary>
public enum HybridEffort
{
    /// <summary>Trusted pages keep the text layer; only their tables, equations and figures with text go to the model; untrusted pages go whole.</summary>
    Medium,

    /// <summary>Every page goes to the model; trusted pages' text layer corrects its text.</summary>
    High,
}
