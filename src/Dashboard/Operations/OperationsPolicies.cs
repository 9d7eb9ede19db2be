namespace Dashboard.Operations;

public static class OperationsPolicies
{
    /// <summary>May scrape <c>/metrics</c>.</summary>
    public const string Metrics = "Metrics";
}
