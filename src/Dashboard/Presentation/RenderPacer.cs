namespace OrleansTrading.Dashboard.Presentation;

/// <summary>
/// Paces one page's renders: at most one per <see cref="Interval"/>, however often its data changes. The first request
/// after a quiet spell renders at once (a single change shows without delay); requests inside the interval are merged
/// into one render at its end. A page under a stream of changes then costs the server, the wire and the browser one
/// render a second, not one per change.
/// </summary>
public sealed class RenderPacer : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly Action _render;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private long? _lastRender;
    private bool _scheduled;
    private bool _disposed;

    /// <param name="render">Called on a timer thread or the requester's: marshal to the renderer (InvokeAsync) inside.</param>
    public RenderPacer(TimeProvider clock, TimeSpan interval, Action render)
    {
        _clock = clock;
        _render = render;
        Interval = interval;
        _timer = clock.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Interval { get; }

    /// <summary>Something the page shows changed: render now if the last render is an interval old, else once at the next slot.</summary>
    public void Request()
    {
        lock (_lock)
        {
            if (_disposed || _scheduled)
            {
                return;
            }

            var wait = _lastRender is { } last ? Interval - _clock.GetElapsedTime(last) : TimeSpan.Zero;
            if (wait > TimeSpan.Zero)
            {
                _scheduled = true;
                _timer.Change(wait, Timeout.InfiniteTimeSpan);
                return;
            }

            _lastRender = _clock.GetTimestamp();
        }

        _render();
    }

    private void Fire()
    {
        lock (_lock)
        {
            if (_disposed || !_scheduled)
            {
                return;
            }

            _scheduled = false;
            _lastRender = _clock.GetTimestamp();
        }

        _render();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }
}
