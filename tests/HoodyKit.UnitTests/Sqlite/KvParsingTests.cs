using System.Text;
using System.Text.Json.Nodes;
using HoodyKit.Sqlite.Kv;
using HoodyKit.Sqlite.Sql;
using HoodyKit.Sqlite.Storage;

namespace HoodyKit.UnitTests.Sqlite;

public sealed class KvParsingTests
{
    [TestCase("$.a.b[1]", """{"a":{"b":[0,7]}}""", "7")]
    [TestCase("a.b[0]", """{"a":{"b":[5]}}""", "5")]
    [TestCase("$.x", """{"x":null}""", "null")]
    public void Json_paths_read(string path, string json, string expected)
    {
        var node = JsonPath.Parse(path)!.Get(JsonNode.Parse(json), out var found);
        Assert.That(found, Is.True);
        Assert.That(node?.ToJsonString() ?? "null", Is.EqualTo(expected));
    }

    [Test]
    public void Json_paths_write_creating_intermediate_objects()
    {
        var root = JsonPath.Parse("$.a.b")!.Set(null, JsonValue.Create(1));
        root = JsonPath.Parse("a.list[0]")!.Set(root, JsonValue.Create("x"));
        Assert.That(root.ToJsonString(), Is.EqualTo("""{"a":{"b":1,"list":["x"]}}"""));
        Assert.Throws<StoreException>(() => JsonPath.Parse("a.list[5]")!.Set(root, JsonValue.Create(1)));
        Assert.Throws<StoreException>(() => JsonPath.Parse("a[x]"));
    }

    [TestCase("")]
    [TestCase("a\nb")]
    [TestCase("a/./b")]
    [TestCase("../b")]
    public void Bad_keys_are_refused(string key) => Assert.Throws<StoreException>(() => KvKey.Check(key));

    [TestCase("users/alice")]
    [TestCase("ключ")]
    [TestCase("a..b")]
    public void Good_keys_pass(string key) => Assert.That(KvKey.Check(key), Is.EqualTo(key));

    [TestCase("bad-name")]
    [TestCase("1abc")]
    [TestCase("sqlite_x")]
    [TestCase("a\"b")]
    public void Bad_table_names_are_refused(string name) => Assert.Throws<StoreException>(() => KvTable.Parse(name));

    [Test]
    public void The_default_table_is_kv_store() => Assert.That(KvTable.Parse(null).Name, Is.EqualTo("kv_store"));

    [TestCase(null, "{\"a\":1}", "application/json")]
    [TestCase("application/x-www-form-urlencoded", "hello", "text/plain; charset=utf-8")]
    [TestCase("application/json", "plain text", "text/plain; charset=utf-8")]
    [TestCase("text/csv", "a,b", "text/csv")]
    public void Content_types_are_kept_or_sniffed(string? requested, string body, string expected) =>
        Assert.That(KvJson.ContentType(requested, Encoding.UTF8.GetBytes(body)), Is.EqualTo(expected));

    [Test]
    public void Cas_compares_bytes_or_json() =>
        Assert.Multiple(() =>
        {
            Assert.That(KvJson.SameValue("""{"a":1,"b":2}"""u8.ToArray(), """{ "b": 2, "a": 1 }"""u8.ToArray()), Is.True);
            Assert.That(KvJson.SameValue("abc"u8.ToArray(), "abc"u8.ToArray()), Is.True);
            Assert.That(KvJson.SameValue("1"u8.ToArray(), "2"u8.ToArray()), Is.False);
        });

    [TestCase(1700000000, 1700000000000, 1700000001000)]
    [TestCase(1700000000.7, 1700000000000, 1700000001000)]
    [TestCase(1700000000123, 1700000000123, 1700000000124)]
    public void Points_in_time_read_seconds_or_milliseconds(double given, long atMs, long cutoffMs) =>
        Assert.That(PointInTime.From(given), Is.EqualTo(new PointInTime(atMs, cutoffMs, given)));

    [TestCase("U0VMRUNUIDE=", "SELECT 1")]
    [TestCase("U0VMRUNUIDE", "SELECT 1")]
    [TestCase("U0VMRUNUID8-Pw", "SELECT ?>?")]
    [TestCase("U0VMRUNUID8+Pw==", "SELECT ?>?")]
    [TestCase("U0VMRUNUID8 Pw==", "SELECT ?>?")]
    public void Shareable_sql_decodes_every_base64_form(string encoded, string sql) =>
        Assert.That(ShareableQuery.Decode(encoded), Is.EqualTo(sql));

    [TestCase("")]
    [TestCase("%%%")]
    [TestCase("//79")]
    public void Bad_shareable_sql_is_refused(string encoded) => Assert.Throws<StoreException>(() => ShareableQuery.Decode(encoded));
}
