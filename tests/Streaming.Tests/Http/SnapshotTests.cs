using System.Net;
using Streaming.Cameras;

namespace Streaming.Tests.Http;

public sealed class SnapshotTests() : StreamingHostTest(
    new CameraDefinition { Id = "front", Width = 320, Height = 240, Fps = 10 },
    new CameraDefinition { Id = "misconfigured", Width = 0 })
{

    [Fact]
    public async Task SnapshotStartsAnIdleCameraAndReturnsItsFirstFrame()
    {
        Assert.Equal(CameraState.Idle, Host.Cameras.Find("front")!.State);

        using var response = await Host.Client.GetAsync("/snapshot/front.jpg");

        response.EnsureSuccessStatusCode();
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        var jpeg = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((320, 240), (TestImages.Decode(jpeg).Width, TestImages.Decode(jpeg).Height));
        Assert.True(response.Headers.Contains("X-Timestamp"));
    }

    [Fact]
    public async Task DownloadIsNamedAfterTheCameraAndTime()
    {
        using var response = await Host.Client.GetAsync("/snapshot/front.jpg?download=1");

        var name = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        Assert.Matches(@"^front-\d{8}-\d{6}\.jpg$", name);
    }

    [Fact]
    public async Task CameraWithoutPictureAnswers503NamingTheCameraAndItsStateButNotItsError()
    {
        using var response = await Host.Client.GetAsync("/snapshot/misconfigured.jpg");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(
            "Camera 'misconfigured' has no picture yet (Failed).",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownCameraIs404()
    {
        using var response = await Host.Client.GetAsync("/snapshot/nope.jpg");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
