using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace OrleansTrading.Grains.Storage;

/// <summary>A reader over <see cref="BufferedResults"/>: what Orleans' ADO.NET providers read back from a queued write.</summary>
internal sealed class BufferedDataReader(BufferedResults results) : DbDataReader
{
    private int _set;
    private int _row = -1;
    private bool _closed;

    private BufferedResultSet? Set => _set < results.Sets.Count ? results.Sets[_set] : null;

    private object? Value(int ordinal) => Set!.Rows[_row][ordinal];

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override int Depth => 0;

    public override int FieldCount => Set?.Names.Count ?? 0;

    public override bool HasRows => Set is { Rows.Count: > 0 };

    public override bool IsClosed => _closed;

    public override int RecordsAffected => results.RecordsAffected;

    public override bool Read() => Set is { } set && ++_row < set.Rows.Count;

    public override bool NextResult()
    {
        _row = -1;
        return ++_set < results.Sets.Count;
    }

    public override Task<bool> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => Task.FromResult(NextResult());

    public override void Close() => _closed = true;

    public override string GetName(int ordinal) => Set!.Names[ordinal];

    public override int GetOrdinal(string name)
    {
        var names = Set!.Names;
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new IndexOutOfRangeException($"No column named {name}.");
    }

    public override Type GetFieldType(int ordinal) => Set!.Types[ordinal];

    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

    public override object GetValue(int ordinal) => Value(ordinal) ?? DBNull.Value;

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    public override bool IsDBNull(int ordinal) => Value(ordinal) is null or DBNull;

    public override bool GetBoolean(int ordinal) => Convert.ToBoolean(Value(ordinal), CultureInfo.InvariantCulture);

    public override byte GetByte(int ordinal) => Convert.ToByte(Value(ordinal), CultureInfo.InvariantCulture);

    public override char GetChar(int ordinal) => Convert.ToChar(Value(ordinal), CultureInfo.InvariantCulture);

    public override DateTime GetDateTime(int ordinal) => Convert.ToDateTime(Value(ordinal), CultureInfo.InvariantCulture);

    public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(Value(ordinal), CultureInfo.InvariantCulture);

    public override double GetDouble(int ordinal) => Convert.ToDouble(Value(ordinal), CultureInfo.InvariantCulture);

    public override float GetFloat(int ordinal) => Convert.ToSingle(Value(ordinal), CultureInfo.InvariantCulture);

    public override Guid GetGuid(int ordinal) => Value(ordinal) switch
    {
        Guid guid => guid,
        byte[] bytes => new Guid(bytes),
        var other => Guid.Parse(Convert.ToString(other, CultureInfo.InvariantCulture)!),
    };

    public override short GetInt16(int ordinal) => Convert.ToInt16(Value(ordinal), CultureInfo.InvariantCulture);

    public override int GetInt32(int ordinal) => Convert.ToInt32(Value(ordinal), CultureInfo.InvariantCulture);

    public override long GetInt64(int ordinal) => Convert.ToInt64(Value(ordinal), CultureInfo.InvariantCulture);

    public override string GetString(int ordinal) => Convert.ToString(Value(ordinal), CultureInfo.InvariantCulture)!;

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = (byte[])Value(ordinal)!;
        if (buffer is null)
        {
            return bytes.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, bytes.Length - dataOffset));
        Array.Copy(bytes, dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
        {
            return text.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);
}
