using Dashboard.Extensions;
using Streaming;
using Streaming.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddDashboardData();
builder.AddStreaming();
builder.AddDashboard();

var app = builder.Build();

app.UseDashboard();
app.MapVideoFeed();
app.MapSnapshots();
app.MapCameraApi();
app.MapDashboard();

app.Run();
