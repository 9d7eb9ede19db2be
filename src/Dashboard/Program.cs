using Dashboard.Extensions;
using Dashboard.Security;
using Streaming;
using Streaming.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddDashboardData();
builder.AddDashboardSecurity();
builder.AddStreaming();
builder.AddDashboard();
builder.AddDashboardTiles();
builder.AddOperations();

var app = builder.Build();

app.UseOperations();
app.UseDashboard();
app.UseDashboardSecurity();
app.MapOperations();
app.MapAccountEndpoints();
app.MapVideoFeed().RequireAuthorization(DashboardPolicies.CameraFeed);
app.MapSnapshots().RequireAuthorization(DashboardPolicies.CameraFeed);
app.MapCameraApi().RequireAuthorization(DashboardPolicies.View);
app.MapDashboardTiles().RequireAuthorization(DashboardPolicies.View);
app.MapDashboard();

app.Run();
