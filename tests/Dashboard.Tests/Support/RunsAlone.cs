namespace Dashboard.Tests.Support;

/// <summary>
/// Tests that must not share the process with other test apps coming and going: xunit runs this collection after
/// the parallel ones, one test at a time. Metrics need it because OpenTelemetry merges same-named meters of every
/// app in the process into one stream and stops exporting it when any of them is disposed
/// (open-telemetry/opentelemetry-dotnet#6412); stream-rate checks need a machine not busy with other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
