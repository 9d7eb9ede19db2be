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

var builder = WebApplication.CreateBuilder(args);

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
