using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Support;

/// <summary>Finding MudBlazor fields the way a person does: by their label.</summary>
internal static class BunitHelpers
{
    public static IElement InputLabelled<T>(this IRenderedComponent<T> host, string label)
        where T : IComponent
    {
        ArgumentNullException.ThrowIfNull(host);
        var element = host.FindAll("label").FirstOrDefault(l => l.TextContent.Trim() == label)
            ?? throw new InvalidOperationException($"No field labelled '{label}'.");
        return host.Find($"#{element.GetAttribute("for")}");
    }

    /// <summary>The error text shown under the field labelled <paramref name="label"/> (empty when none).</summary>
    public static string ErrorUnder<T>(this IRenderedComponent<T> host, string label)
        where T : IComponent
    {
        var control = host.InputLabelled(label).Closest(".mud-input-control");
        return control?.QuerySelector(".mud-input-helper-text.mud-input-error .me-auto")?.TextContent.Trim() ?? "";
    }
}
