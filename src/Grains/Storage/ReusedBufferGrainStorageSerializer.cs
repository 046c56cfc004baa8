using System.Buffers;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// Orleans' binary grain-state format (the bytes of <see cref="OrleansGrainStorageSerializer"/>, so stored rows read
/// either way), written into a buffer each thread keeps. Orleans' own serializer grows a fresh buffer from 256 bytes
/// for every write (256 + 512 + 1,024 + 2,048 bytes for a 1.7 KB venue book) before the ADO.NET provider copies it
/// once more: about 8 KB allocated per signal under load, for three writes.
/// </summary>
public sealed class ReusedBufferGrainStorageSerializer(Serializer serializer) : IGrainStorageSerializer
{
    /// <summary>A state larger than this gets a buffer of its own, so a thread never keeps a huge one.</summary>
    public const int KeptBufferBytes = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public BinaryData Serialize<T>(T? value)
    {
        // Serialize runs to its end without yielding, so the thread's buffer is never shared.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        try
        {
            serializer.Serialize(value, buffer);
            return new BinaryData(buffer.WrittenSpan.ToArray());
        }
        finally
        {
            if (buffer.Capacity > KeptBufferBytes)
            {
                t_buffer = null;
            }
        }
    }

    public T? Deserialize<T>(BinaryData input) => serializer.Deserialize<T>(input.ToMemory());
}
