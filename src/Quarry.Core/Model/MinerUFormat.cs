namespace Quarry.Core.Model;

/// <summary>
/// The MinerU release whose output format Quarry writes: <c>_version_name</c> in <c>middle.json</c>, so a
/// reader that checks MinerU's version sees a current one (Quarry's own version is recorded beside it).
/// </summary>
public static class MinerUFormat
{
    public const string Version = "3.4.4";
}
