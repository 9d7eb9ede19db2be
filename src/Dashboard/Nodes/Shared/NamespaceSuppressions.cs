// The layout's folder name for a feature's non-routable components; no consumer of this app is written in VB.
[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:Dashboard.Nodes.Shared", Justification = "Feature folder layout")]
