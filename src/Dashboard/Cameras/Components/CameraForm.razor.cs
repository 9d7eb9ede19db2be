using Microsoft.AspNetCore.Components;
using Streaming.Cameras;

namespace Dashboard.Cameras.Components;

public sealed partial class CameraForm
{
    private Dictionary<string, string> _errors = [];

    [Inject]
    private CameraManagement Management { get; set; } = default!;

    [Parameter, EditorRequired]
    public CameraFormModel Model { get; set; } = default!;

    [Parameter]
    public bool IsNew { get; set; }

    /// <summary>A problem that is not about one field (for example a permission).</summary>
    [Parameter]
    public string? General { get; set; }

    /// <summary>Problems the owner got back from saving, shown next to their fields.</summary>
    [Parameter]
    public IReadOnlyList<SettingProblem>? Problems { get; set; }

    private string? CommandRestriction { get; set; }

    private bool MayEditCommands { get; set; }

    private static string DevicesHelp
    {
        get
        {
            var devices = Directory.Exists("/dev")
                ? Directory.EnumerateFiles("/dev", "video*").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
                : [];
            return devices.Count == 0 ? "N for /dev/videoN (no video devices found on this server)" : $"N for /dev/videoN; this server has {string.Join(", ", devices)}";
        }
    }

    protected override async Task OnInitializedAsync()
    {
        var user = await ActorAsync();
        CommandRestriction = await Management.CommandRestrictionAsync(user);
        MayEditCommands = await Management.MayEditCommandsAsync(user);
    }

    protected override void OnParametersSet()
    {
        if (Problems is not null)
        {
            Show(Problems);
        }
    }

    /// <summary>Checks everything; true when there is nothing to complain about.</summary>
    public async Task<bool> ValidateAsync()
    {
        var problems = await Management.ValidateAsync(await ActorAsync(), Model.ToDefinition(), IsNew);
        Show(problems);
        StateHasChanged();
        return problems.Count == 0;
    }

    private void Show(IReadOnlyList<SettingProblem> problems) =>
        _errors = problems.GroupBy(p => p.Setting).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(p => p.Message)));

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private async Task KindChangedAsync(CameraKind kind)
    {
        Model.Kind = kind;
        if (_errors.Count > 0)
        {
            await ValidateAsync();
        }
    }

    // A browser must not offer to save or fill in the camera's password as if it were the user's own.
    private static readonly Dictionary<string, object?> PasswordAttributes = new() { ["autocomplete"] = "new-password" };

    private static readonly Dictionary<string, object?> SensitivityAttributes = new() { ["aria-label"] = "Motion sensitivity" };

    private string ZonesSummary => Model.ToDefinition().Motion.Zones.Count switch
    {
        0 => "No zones: motion anywhere in the picture counts. Zones are drawn on the camera's page.",
        var n => $"{n} zone{(n == 1 ? "" : "s")}, drawn on the camera's page (kept as they are when you save here).",
    };

    private void ClearPassword() => Model.Password = null;

    private void ClearUrlCredentials() => Model.Url = CameraCredentials.WithoutCredentials(Model.Url);

    private static string KindLabel(CameraKind kind) => kind switch
    {
        CameraKind.TestPattern => "Test pattern",
        CameraKind.ImageSequence => "Image sequence (folder of JPEGs)",
        CameraKind.OpenCv => "OpenCV capture (webcam, file, RTSP/HTTP)",
        CameraKind.Command => "Command (program writing MJPEG)",
        CameraKind.Http => "Http (MJPEG stream or snapshot URL)",
        _ => kind.ToString(),
    };
}
