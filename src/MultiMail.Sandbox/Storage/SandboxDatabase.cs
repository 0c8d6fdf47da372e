using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace MultiMail.Sandbox.Storage;

/// <summary>
/// The sandbox's SQLite database: a file (standalone runs; survives restarts) or a private shared-cache in-memory
/// database (tests; one per sandbox, kept alive by one open connection).
/// </summary>
/// <remarks>
/// Every operation opens its own pooled connection. SQLite admits one writer at a time; write transactions are
/// serialized in-process by <see cref="WriteAsync{T}"/> (so writers queue instead of spinning on SQLITE_BUSY) and run as
/// <c>BEGIN IMMEDIATE</c> transactions. State transitions are additionally written as conditional updates
/// (<c>UPDATE … WHERE status = 'pending_send_approval'</c>) whose affected-row count decides who won.
/// </remarks>
internal sealed class SandboxDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection? _keepAlive;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private SandboxDatabase(string connectionString, string? filePath, SqliteConnection? keepAlive)
    {
        _connectionString = connectionString;
        FilePath = filePath;
        _keepAlive = keepAlive;
    }

    /// <summary>The database file, or <see langword="null"/> for an in-memory database.</summary>
    public string? FilePath { get; }

    public static SandboxDatabase Open(string? filePath)
    {
        SandboxDatabase database;
        if (filePath is null)
        {
            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = "multimail-sandbox-" + Guid.NewGuid().ToString("N"),
                Mode = SqliteOpenMode.Memory,
                Cache = SqliteCacheMode.Shared,
            };
            var keepAlive = new SqliteConnection(builder.ToString());
            keepAlive.Open();
            database = new SandboxDatabase(builder.ToString(), null, keepAlive);
        }
        else
        {
            var fullPath = Path.GetFullPath(filePath);
            var directory = Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = fullPath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,
            };
            database = new SandboxDatabase(builder.ToString(), fullPath, null);
            using var connection = database.OpenConnection();
            connection.Execute(null, "PRAGMA journal_mode = WAL;");
        }

        try
        {
            using var connection = database.OpenConnection();
            using var transaction = connection.BeginTransaction();
            connection.Execute(transaction, Schema.Sql);
            foreach (var (table, column, definition) in Schema.AddedColumns)
            {
                var present = connection.Scalar<long>(transaction, "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column;", ("@table", table), ("@column", column));
                if (present == 0)
                {
                    connection.Execute(transaction, "ALTER TABLE " + table + " ADD COLUMN " + column + " " + definition + ";");
                }
            }

            transaction.Commit();
        }
        catch
        {
            database.Dispose();
            throw;
        }

        return database;
    }

    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        if (FilePath is not null)
        {
            // WAL with synchronous=NORMAL: a commit no longer waits for an fsync, and the file still cannot corrupt
            // (a power cut may lose the last commits, which a local sandbox can afford).
            connection.Execute(null, "PRAGMA synchronous = NORMAL;");
        }

        return connection;
    }

    /// <summary>Runs a read on its own connection.</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = OpenConnection();
        return read(connection);
    }

    /// <summary>Runs a write transaction; it commits when <paramref name="write"/> returns and rolls back when it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = OpenConnection();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = write(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Whether the database answers a trivial query (for <c>/health</c>).</summary>
    public bool IsHealthy()
    {
        try
        {
            return Read(connection => connection.Scalar<long>(null, "SELECT 1;") == 1);
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_keepAlive is not null)
        {
            SqliteConnection.ClearPool(_keepAlive);
            _keepAlive.Dispose();
        }
        else
        {
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }

        _writeGate.Dispose();
    }
}
