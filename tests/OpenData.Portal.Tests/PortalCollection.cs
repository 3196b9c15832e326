namespace OpenData.Portal.Tests;

/// <summary>One host and one browser for every portal test class (starting chromium and the host costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalHost>
{
    public const string Name = "Portal";
}
