using HoodyKit.Sqlite;
using HoodyKit.Sqlite.Storage;
using Microsoft.Extensions.Options;

namespace HoodyKit.UnitTests.Sqlite;

public sealed class DbPathResolverTests
{
    private static DbPathResolver Resolver(params string[] roots)
    {
        var options = new SqliteOptions { DatabaseDir = "/data/dbs" };
        foreach (var root in roots) options.Roots.Add(root);
        return new DbPathResolver(Options.Create(options));
    }

    [TestCase("app", "/data/dbs/app.db")]
    [TestCase("app.db", "/data/dbs/app.db")]
    [TestCase("./app", "/data/dbs/app.db")]
    [TestCase("app.sqlite3", "/data/dbs/app.sqlite3")]
    [TestCase("/srv/x.db", "/srv/x.db")]
    [TestCase("/srv//x.db", "/srv/x.db")]
    public void Names_and_absolute_paths_resolve(string db, string expected) =>
        Assert.That(Resolver().Canonical(db), Is.EqualTo(expected));

    [TestCase("")]
    [TestCase("..")]
    [TestCase("../x")]
    [TestCase("a/b.db")]
    [TestCase("./a/b")]
    [TestCase("/srv/../etc/x.db")]
    [TestCase(":memory:")]
    [TestCase("file:x.db?mode=memory")]
    [TestCase("/proc/self/environ")]
    [TestCase("/dev/sda")]
    [TestCase("/sys/x")]
    [TestCase("a\u0001b")]
    public void Escapes_and_special_names_are_invalid(string db)
    {
        var error = Assert.Throws<StoreException>(() => Resolver().Canonical(db));
        Assert.That(error!.Code, Is.EqualTo("INVALID_DB_PATH"));
    }

    [Test]
    public void Roots_limit_absolute_paths()
    {
        Assert.That(Resolver("/srv").Canonical("/srv/a.db"), Is.EqualTo("/srv/a.db"));
        Assert.Throws<StoreException>(() => Resolver("/srv").Canonical("/srvx/a.db"));
    }

    [Test]
    public void Inspect_tells_directories_missing_files_and_foreign_files_apart()
    {
        var dir = Directory.CreateTempSubdirectory("hk-resolver-").FullName;
        try
        {
            Assert.That(Assert.Throws<StoreException>(() => DbPathResolver.Inspect(dir, create: true))!.Code, Is.EqualTo("PATH_IS_DIRECTORY"));
            Assert.That(DbPathResolver.Inspect(dir, create: false, directoryMode: true), Is.EqualTo((Path.Combine(dir, DbPathResolver.DirectoryStoreName), true)));
            var missing = Path.Combine(dir, "m.db");
            Assert.That(Assert.Throws<StoreException>(() => DbPathResolver.Inspect(missing, create: false))!.Status, Is.EqualTo(404));
            Assert.That(DbPathResolver.Inspect(missing, create: true), Is.EqualTo((missing, true)));
            var empty = Path.Combine(dir, "empty.db");
            File.WriteAllBytes(empty, []);
            Assert.That(DbPathResolver.Inspect(empty, create: false), Is.EqualTo((empty, false)), "a 0-byte file is an empty database");
            var text = Path.Combine(dir, "t.db");
            File.WriteAllText(text, "not sqlite at all, no header here");
            Assert.That(Assert.Throws<StoreException>(() => DbPathResolver.Inspect(text, create: false))!.Code, Is.EqualTo("INVALID_SQLITE_HEADER"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
