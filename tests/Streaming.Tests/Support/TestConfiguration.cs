using Microsoft.Extensions.Configuration;

namespace Streaming.Tests.Support;

/// <summary>A configuration holding just the given keys and values, as a settings file or the environment would give them.</summary>
internal static class TestConfiguration
{
    public static IConfiguration From(params IEnumerable<(string Key, string Value)> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
