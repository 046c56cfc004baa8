using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansTrading.LoadGen.Processes;

namespace OrleansTrading.LoadGen.Reporting;

/// <summary>Writes the markdown and the JSON (with the machine facts) side by side under the results folder.</summary>
public static class ResultFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static (string Markdown, string Json) Write(RunReport report, string markdown, string folder)
    {
        var directory = Path.IsPathRooted(folder) ? folder : Path.Combine(RepoPaths.Root, folder);
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, "loadgen-" + report.StartedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        File.WriteAllText(stem + ".md", markdown);
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(report, Json));
        return (stem + ".md", stem + ".json");
    }
}
