using Microsoft.Extensions.Time.Testing;
using OrleansTrading.Dashboard.Presentation;

namespace OrleansTrading.Dashboard.Tests.Live;

public sealed class RenderPacerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void The_first_change_after_a_quiet_spell_renders_at_once()
    {
        var clock = new FakeTimeProvider();
        var renders = 0;
        using var pacer = new RenderPacer(clock, Second, () => renders++);

        pacer.Request();

        Assert.Equal(1, renders);
        clock.Advance(TimeSpan.FromSeconds(5));
        pacer.Request();
        Assert.Equal(2, renders);
    }

    [Fact]
    public void Changes_inside_the_interval_are_merged_into_one_render_at_its_end()
    {
        var clock = new FakeTimeProvider();
        var renders = 0;
        using var pacer = new RenderPacer(clock, Second, () => renders++);
        pacer.Request();

        for (var i = 0; i < 50; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            pacer.Request();
        }

        Assert.Equal(1, renders);
        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(1, renders);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, renders);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(2, renders); // nothing asked since
    }

    [Fact]
    public void A_stream_of_changes_renders_once_per_interval()
    {
        var clock = new FakeTimeProvider();
        var renders = 0;
        using var pacer = new RenderPacer(clock, Second, () => renders++);

        for (var i = 0; i < 1000; i++) // 100 changes a second for 10 s
        {
            pacer.Request();
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.InRange(renders, 10, 11);
    }

    [Fact]
    public void Nothing_renders_after_dispose()
    {
        var clock = new FakeTimeProvider();
        var renders = 0;
        var pacer = new RenderPacer(clock, Second, () => renders++);
        pacer.Request();
        pacer.Request();

        pacer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(2));
        pacer.Request();

        Assert.Equal(1, renders);
    }
}
