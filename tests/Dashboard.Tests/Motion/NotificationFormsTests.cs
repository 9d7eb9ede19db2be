using Bunit.Rendering;
using Dashboard.Access;
using Dashboard.Motion;
using Dashboard.Motion.Components;
using Microsoft.AspNetCore.Components;
using Streaming.Cameras;

namespace Dashboard.Tests.Motion;

/// <summary>The webhook and broker forms: secrets shown only as set or not set, and the problems next to their fields.</summary>
public sealed class NotificationFormsTests : BunitDashboardContext
{
    private readonly List<object> _sent = [];
    private ChangeResult _answer = ChangeResult.Done;

    [Fact]
    public async Task AStoredSecretShowsAsSetBehindTheMaskAndTheMaskGoesBackToKeepIt()
    {
        var webhook = new WebhookView(Guid.NewGuid(), "home", "https://hooks.example/h", SecretSet: true);
        var form = RenderForm<WebhookForm>((nameof(WebhookForm.Webhook), webhook), (nameof(WebhookForm.Save), Saver<WebhookChange>()));

        Assert.Equal(Redaction.Mask, form.InputLabelled("Secret").GetAttribute("value"));
        Assert.Contains("Secret: set.", form.Markup, StringComparison.Ordinal);
        Assert.Contains("A credential is set.", form.Markup, StringComparison.Ordinal);
        await form.InputLabelled("Name").InputAsync(new ChangeEventArgs { Value = "house" });
        await ClickAsync(form, "Save webhook");

        Assert.Equal(new WebhookChange(webhook.Id, "house", "https://hooks.example/h", Redaction.Mask), Assert.Single(_sent));
    }

    [Fact]
    public async Task ANewWebhookSaysNotSetAndShowsTheProblemsUnderTheirFields()
    {
        _answer = ChangeResult.Invalid([new(nameof(WebhookChange.Url), "The address must be http."), new(nameof(WebhookChange.Secret), "Too short.")]);
        var form = RenderForm<WebhookForm>((nameof(WebhookForm.Save), Saver<WebhookChange>()));
        Assert.Contains("Secret: not set.", form.Markup, StringComparison.Ordinal);
        Assert.Equal("", form.InputLabelled("Secret").GetAttribute("value") ?? "");

        await form.InputLabelled("Secret").InputAsync(new ChangeEventArgs { Value = "short" });
        await ClickAsync(form, "Save webhook");

        form.WaitForAssertion(() => Assert.Equal("The address must be http.", form.ErrorUnder("Address")));
        Assert.Equal("Too short.", form.ErrorUnder("Secret"));
        Assert.Equal("", form.ErrorUnder("Name"));
    }

    [Fact]
    public async Task TheBrokerFormClearsAStoredPasswordOnlyWhenAskedAndShowsThePortProblem()
    {
        var broker = new BrokerView(true, "mqtt.local", 1883, false, "dash", PasswordSet: true, "camera-dashboard", "homeassistant");
        var form = RenderForm<BrokerForm>((nameof(BrokerForm.Broker), broker), (nameof(BrokerForm.PublicUrl), "https://cams.example/"), (nameof(BrokerForm.Save), Saver<BrokerChange>()));
        Assert.Equal(Redaction.Mask, form.InputLabelled("Password").GetAttribute("value"));
        Assert.Contains("Password: set.", form.Markup, StringComparison.Ordinal);

        await ClickAsync(form, "Save broker and address");
        Assert.Equal(Redaction.Mask, Assert.IsType<BrokerChange>(_sent[^1]).Password);

        _answer = ChangeResult.Invalid(nameof(BrokerChange.Port), "The port must be between 1 and 65535.");
        await ClickAsync(form, "Clear credentials");
        await ClickAsync(form, "Save broker and address");

        Assert.Equal(("", "https://cams.example/", "mqtt.local"), (((BrokerChange)_sent[^1]).Password, ((BrokerChange)_sent[^1]).PublicUrl, ((BrokerChange)_sent[^1]).Host));
        form.WaitForAssertion(() => Assert.Equal("The port must be between 1 and 65535.", form.ErrorUnder("Port")));
    }

    [Fact]
    public void TheConnectionShowsTheBrokerAndTheErrorOrThatMqttIsOff()
    {
        string Shown(MqttState state) => RenderForm<MqttStatus>((nameof(MqttStatus.State), state)).Find(".mqtt-state").TextContent.Trim();

        Assert.Equal("Off", Shown(MqttState.Off));
        Assert.Equal("Connected to mqtt.local:1883", Shown(new MqttState(MqttConnection.Connected, "mqtt.local:1883", null, DateTimeOffset.UtcNow)));
        Assert.Equal("Not connected to mqtt.local:1883: connection refused", Shown(new MqttState(MqttConnection.Failed, "mqtt.local:1883", "connection refused", DateTimeOffset.UtcNow)));
    }

    private Func<T, Task<ChangeResult>> Saver<T>()
        where T : notnull => change =>
        {
            _sent.Add(change);
            return Task.FromResult(_answer);
        };

    private IRenderedComponent<ContainerFragment> RenderForm<T>(params (string Name, object? Value)[] parameters)
        where T : IComponent => Render(builder =>
        {
            builder.OpenComponent<T>(0);
            foreach (var (name, value) in parameters)
            {
                builder.AddAttribute(1, name, value);
            }

            builder.CloseComponent();
        });

    private static Task ClickAsync(IRenderedComponent<ContainerFragment> form, string text) =>
        form.FindAll("button").First(b => b.TextContent.Trim() == text).ClickAsync(new());
}
