namespace ServiceBot.Server.Tests;

/// <summary>Test classes in this collection share one sample server (the KB index is built once).</summary>
[CollectionDefinition(Name)]
public sealed class SampleServerCollection : ICollectionFixture<SampleServerFixture>
{
    public const string Name = "sample server";
}
