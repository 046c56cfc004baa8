namespace OrleansTrading.Grains;

public static class StorageNames
{
    /// <summary>The ADO.NET/SQLite grain storage provider every engine grain persists through.</summary>
    public const string Trading = "trading";
}
