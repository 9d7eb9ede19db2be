using Dashboard;
using Dashboard.Access;
using Dashboard.Cameras;
using Dashboard.Data;
using Dashboard.Motion;
using Dashboard.Nodes;
using Dashboard.Operations;
using Dashboard.Tiles;
using Streaming;
using Streaming.Http;

// The slim builder leaves out what this app never uses (IIS integration, HTTP/3 over QUIC, the regex route constraint,
// the debug and EventSource loggers): fewer assemblies mapped at idle (docs/benchmarks.md, "Footprint"). HTTPS
// endpoints of Kestrel:Endpoints still work through the line after it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrelHttpsConfiguration();

builder.AddDashboardData();
builder.AddNodes();
builder.AddAccess();
builder.AddStreaming();
builder.AddDashboard();
builder.AddCameraManagement();
builder.AddDashboardTiles();
builder.AddDashboardMotion();
builder.AddOperations();

var app = builder.Build();

app.UseOperations();
app.UseDashboard();
app.UseAccess();
app.MapOperations();
app.MapAccessEndpoints();
app.MapVideoFeed().RequireAuthorization(DashboardPolicies.CameraFeed);
app.MapSnapshots().RequireAuthorization(DashboardPolicies.CameraFeed);
app.MapCameraApi().RequireAuthorization(DashboardPolicies.View);
app.MapDashboardTiles().RequireAuthorization(DashboardPolicies.View);
app.MapMotionEvents().RequireAuthorization(DashboardPolicies.View);
app.MapNotifications().RequireAuthorization(DashboardPolicies.Administer);
app.MapDashboard();

app.Run();
