using Dashboard.Access;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Streaming.Cameras;

namespace Dashboard.Cameras.Components;

public sealed partial class CameraEditor
{
    private string? _general;
    private IReadOnlyList<SettingProblem>? _problems;
    private bool _saving;

    [Inject]
    private CameraManagement Management { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Parameter, EditorRequired]
    public CameraFormModel Model { get; set; } = default!;

    [Parameter]
    public bool IsNew { get; set; }

    private string CancelHref => IsNew ? "cameras" : $"cameras/{Uri.EscapeDataString(Model.Id)}";

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var user = await ActorAsync();
            var camera = Model.ToDefinition();
            var change = IsNew ? await Management.AddAsync(user, camera) : await Management.SaveAsync(user, camera, Model.Draft);
            if (change.Succeeded)
            {
                Snackbar.Add($"Saved {camera.Name}", Severity.Success);
                Navigation.NavigateTo($"cameras/{Uri.EscapeDataString(camera.Id)}");
                return;
            }

            _general = string.Join(" ", change.Problems.Where(p => p.Setting == ChangeResult.General).Select(p => p.Message)) is { Length: > 0 } general ? general : null;
            _problems = change.Problems;
        }
        finally
        {
            _saving = false;
        }
    }
}
