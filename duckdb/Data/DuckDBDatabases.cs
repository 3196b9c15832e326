using OpenData.DuckDB.Native;

namespace OpenData.DuckDB;

/// <summary>
/// Opens database instances: a private one for ":memory:", otherwise one per path shared by every connection of
/// the process through DuckDB's instance cache. Each connection holds its own duckdb_database handle; the instance
/// closes when the last handle does.
/// </summary>
internal static class DuckDBDatabases
{
    private static readonly Lazy<InstanceCacheHandle> Cache = new(NativeMethods.Database.CreateInstanceCache);

    public static DatabaseHandle Open(string path, IEnumerable<KeyValuePair<string, string>> settings)
    {
        if (NativeMethods.Database.CreateConfig(out var config) != DuckDBState.Success)
        {
            throw new DuckDBException(string.Format(DuckDBStrings.OpenFailed, path, "the configuration could not be created"), DuckDBErrorType.InvalidConfiguration);
        }

        using (config)
        {
            foreach (var (name, value) in settings)
            {
                if (NativeMethods.Database.SetConfig(config, name, value) != DuckDBState.Success)
                {
                    throw new DuckDBException(string.Format(DuckDBStrings.SettingRejected, name, value), DuckDBErrorType.InvalidConfiguration);
                }
            }

            var state = path == DuckDBConnection.InMemory
                ? NativeMethods.Database.OpenExt(null, out var database, config, out var error)
                : NativeMethods.Database.GetOrCreateFromCache(Cache.Value, path, out database, config, out error);
            if (state != DuckDBState.Success)
            {
                database.Dispose();
                throw new DuckDBException(string.Format(DuckDBStrings.OpenFailed, path, error), DuckDBErrorTypes.FromMessage(error));
            }

            return database;
        }
    }
}
