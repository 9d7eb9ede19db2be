using Xunit.Abstractions;

[assembly: Xunit.TestCollectionOrderer("Dashboard.Tests.Support.LongLanesFirst", "Dashboard.Tests")]

namespace Dashboard.Tests.Support;

/// <summary>
/// Four collections run at a time (xunit.runner.json), each one test class after another. The ones that take longest
/// from start to end start first, so they run beside the short ones instead of after them: the arm64 build (its publish
/// and start under qemu take minutes on two cores, mostly on one), the browser tests (one class at a time, minutes
/// together), the slow client (20 s of reading that needs next to no CPU) and the app without OpenCV (a copy of the
/// build, then half a minute of tests). The others keep xunit's order.
/// </summary>
public sealed class LongLanesFirst : ITestCollectionOrderer
{
    public const string Arm64Build = "Arm64 build";
    public const string SlowClient = "Slow client";
    public const string WithoutOpenCv = "Without OpenCV";

    private static readonly string[] First = [Arm64Build, ChromiumTests.Name, SlowClient, WithoutOpenCv];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Array.IndexOf(First, c.DisplayName) is var place and >= 0 ? place : First.Length);
}

/// <summary>The arm64 build's tests: a collection of their own so <see cref="LongLanesFirst"/> can start them first.</summary>
[CollectionDefinition(LongLanesFirst.Arm64Build)]
public sealed class Arm64BuildLane;

/// <summary>The slow client behind the proxy: a collection of its own so <see cref="LongLanesFirst"/> can start it first.</summary>
[CollectionDefinition(LongLanesFirst.SlowClient)]
public sealed class SlowClientLane;

/// <summary>The app without OpenCV: a collection of its own so <see cref="LongLanesFirst"/> can start it first.</summary>
[CollectionDefinition(LongLanesFirst.WithoutOpenCv)]
public sealed class WithoutOpenCvLane;
