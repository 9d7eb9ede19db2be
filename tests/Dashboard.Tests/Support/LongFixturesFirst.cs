using Xunit.Abstractions;

[assembly: Xunit.TestCollectionOrderer("Dashboard.Tests.Support.LongFixturesFirst", "Dashboard.Tests")]

namespace Dashboard.Tests.Support;

/// <summary>
/// Starts the collections whose fixture takes longest (the arm64 publish, a minute or more on two cores) before the
/// others, so that time runs beside the rest of the suite instead of after it. The others keep xunit's order.
/// </summary>
public sealed class LongFixturesFirst : ITestCollectionOrderer
{
    public const string Arm64Build = "Arm64 build";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == Arm64Build ? 0 : 1);
}

/// <summary>The arm64 build's tests: a collection of their own so <see cref="LongFixturesFirst"/> can start them first.</summary>
[CollectionDefinition(LongFixturesFirst.Arm64Build)]
public sealed class Arm64BuildTests;
