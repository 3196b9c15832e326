namespace OpenData.Cli.Tests;

/// <summary>Every CLI test class shares one platform: starting the host is most of a test's cost.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
