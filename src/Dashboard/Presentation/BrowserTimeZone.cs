using System.Globalization;
using Microsoft.JSInterop;

namespace OrleansTrading.Dashboard.Presentation;

/// <summary>
/// The time zone of the browser behind one circuit (scoped), so times show in the user's own zone. UTC until the
/// browser has told us (prerendering has no browser to ask), and UTC if its zone is unknown to this server.
/// </summary>
public sealed class BrowserTimeZone
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public bool IsUtc => Zone == TimeZoneInfo.Utc;

    public string Name => IsUtc ? "UTC" : Zone.Id;

    /// <summary>Raised once the browser's zone is known: pages re-render their times.</summary>
    public event Action? Changed;

    public async Task DetectAsync(IJSRuntime js)
    {
        var id = await js.InvokeAsync<string>("eval", "Intl.DateTimeFormat().resolvedOptions().timeZone");
        if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.Id != Zone.Id)
        {
            Zone = zone;
            Changed?.Invoke();
        }
    }

    /// <summary><c>14:35:07</c> in the browser's zone (<c>14:35:07Z</c> while that is UTC); <c>-</c> for none.</summary>
    public string Time(DateTimeOffset? value) =>
        value is not { } v ? "-"
        : IsUtc ? Format.Time(v)
        : TimeZoneInfo.ConvertTime(v, Zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
