using System.Diagnostics;

namespace OrleansTrading.LoadGen.Processes;

/// <summary>CPU used over a window (as cores: CPU seconds / wall seconds) and resident memory (peak and at the end).</summary>
public sealed record ResourceUse(double CpuSeconds, double WallSeconds, double RssMbPeak, double RssMbEnd)
{
    public static readonly ResourceUse None = new(0, 0, 0, 0);

    public double Cores => WallSeconds > 0 ? CpuSeconds / WallSeconds : 0;
}

/// <summary>Measures one process (or process tree) from <see cref="Start"/> to <see cref="Stop"/>, sampling RSS every 250 ms.</summary>
public sealed class ResourceMeter
{
    private readonly Func<ProcSample> _read;
    private readonly CancellationTokenSource _stop = new();
    private ProcSample _first;
    private long _startedAt;
    private long _peakRss;
    private Task? _sampler;

    public ResourceMeter(Func<ProcSample> read) => _read = read;

    public static ResourceMeter ForProcess(int pid) => new(() => ProcStat.Read(pid));

    public ResourceMeter Start()
    {
        _first = _read();
        _startedAt = Stopwatch.GetTimestamp();
        _peakRss = _first.RssBytes;
        _sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    var rss = _read().RssBytes;
                    if (rss > Interlocked.Read(ref _peakRss))
                    {
                        Interlocked.Exchange(ref _peakRss, rss);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        });
        return this;
    }

    public async Task<ResourceUse> StopAsync()
    {
        var last = _read();
        var wall = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        await _stop.CancelAsync();
        if (_sampler is not null)
        {
            await _sampler;
        }

        _stop.Dispose();
        var peak = Math.Max(Interlocked.Read(ref _peakRss), last.RssBytes);
        return new ResourceUse((last.Cpu - _first.Cpu).TotalSeconds, wall, peak / 1048576.0, last.RssBytes / 1048576.0);
    }
}
