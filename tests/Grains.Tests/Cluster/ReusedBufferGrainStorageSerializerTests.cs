using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Grains.Tests.Support;
using OrleansTrading.Grains.Venue;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// Grain state is written with a buffer each thread keeps: the stored bytes must be exactly Orleans' own, so rows
/// written before (or by the other serializer) read back, and no write may see another's bytes.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReusedBufferGrainStorageSerializerTests(ClusterFixture fixture)
{
    private Serializer Serializer => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<Serializer>();

    private static PaperVenueState Book(int orders, string account = "va-ser")
    {
        var book = new PaperVenueState { NextFillNumber = orders + 1 };
        for (var i = 0; i < orders; i++)
        {
            var order = new VenueOrder(account, $"ord-{i}", "SER", OrderSide.Buy, 10m + i, 100.25m, false, TimeInForce.ImmediateOrCancel);
            book.Orders[order.ClientOrderId] = new VenueOrderRecord
            {
                Order = order,
                Status = OrderStatus.Filled,
                Fills = [new VenueFill($"f-{i}", order.ClientOrderId, "SER", OrderSide.Buy, 10m + i, 100.2500m, DateTimeOffset.UnixEpoch.AddSeconds(i))],
                UpdatedAt = DateTimeOffset.UnixEpoch.AddSeconds(i),
            };
        }

        book.NetPositions["SER"] = 12.50m;
        return book;
    }

    [Fact]
    public void The_stored_bytes_are_exactly_orleans_own_and_read_back_either_way()
    {
        var reused = new ReusedBufferGrainStorageSerializer(Serializer);
        var orleans = new OrleansGrainStorageSerializer(Serializer);
        foreach (var book in new[] { Book(0), Book(12), Book(3) })
        {
            var ours = reused.Serialize(book).ToArray();
            Assert.Equal(orleans.Serialize(book).ToArray(), ours);

            var back = orleans.Deserialize<PaperVenueState>(new BinaryData(ours))!;
            Assert.Equal(book.Orders.Keys, back.Orders.Keys);
            Assert.Equal(12.50m, back.NetPositions["SER"]);
            Assert.Equal(book.NextFillNumber, reused.Deserialize<PaperVenueState>(orleans.Serialize(book))!.NextFillNumber);
        }
    }

    [Fact]
    public void A_state_larger_than_the_kept_buffer_is_written_whole_and_the_next_small_one_too()
    {
        var reused = new ReusedBufferGrainStorageSerializer(Serializer);
        var orleans = new OrleansGrainStorageSerializer(Serializer);
        var large = Book(3_000);

        var bytes = reused.Serialize(large).ToArray();
        var small = reused.Serialize(Book(1)).ToArray();

        Assert.True(bytes.Length > ReusedBufferGrainStorageSerializer.KeptBufferBytes);
        Assert.Equal(orleans.Serialize(large).ToArray(), bytes);
        Assert.Equal(orleans.Serialize(Book(1)).ToArray(), small);
    }

    [Fact]
    public async Task Writes_on_many_threads_at_once_each_get_their_own_bytes()
    {
        var reused = new ReusedBufferGrainStorageSerializer(Serializer);
        var orleans = new OrleansGrainStorageSerializer(Serializer);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(() =>
            Enumerable.Range(0, 50).All(i =>
            {
                var book = Book(i % 7, $"va-{t}-{i}");
                return reused.Serialize(book).ToArray().AsSpan().SequenceEqual(orleans.Serialize(book).ToArray());
            }))));

        Assert.All(results, Assert.True);
    }
}
