using HoodyKit.Core.Errors;

namespace HoodyKit.UnitTests.Core;

public sealed class ErrorBodyWriterTests
{
    private static readonly ApiError s_notFound = ApiErrors.NotFound("ENTRY_NOT_FOUND", "Entry not found");

    [Test]
    public void Success_family_writes_success_false_and_the_message() =>
        Assert.That(ErrorBodyWriter.RenderString(ErrorShape.SuccessError, s_notFound),
            Is.EqualTo("""{"success":false,"error":"Entry not found"}"""));

    [Test]
    public void StatusCode_family_writes_reason_phrase_message_and_code() =>
        Assert.That(ErrorBodyWriter.RenderString(ErrorShape.StatusCodeErrorMessage, s_notFound),
            Is.EqualTo("""{"statusCode":404,"error":"Not Found","message":"Entry not found","code":"ENTRY_NOT_FOUND"}"""));

    [Test]
    public void Code_family_writes_code_message_and_null_details() =>
        Assert.That(ErrorBodyWriter.RenderString(ErrorShape.CodeMessage, s_notFound),
            Is.EqualTo("""{"code":"ENTRY_NOT_FOUND","message":"Entry not found","details":null}"""));

    [Test]
    public void Code_family_carries_details_when_given() =>
        Assert.That(ErrorBodyWriter.RenderString(ErrorShape.CodeMessage, ApiErrors.BadRequest("INVALID", "Bad", "field x")),
            Is.EqualTo("""{"code":"INVALID","message":"Bad","details":"field x"}"""));

    [Test]
    public void Error_family_writes_the_code_as_error() =>
        Assert.That(ErrorBodyWriter.RenderString(ErrorShape.ErrorMessage, s_notFound),
            Is.EqualTo("""{"error":"ENTRY_NOT_FOUND","message":"Entry not found"}"""));

    [Test]
    public void Plain_family_writes_the_message_as_a_line() =>
        Assert.That(ErrorBodyWriter.RenderString(ErrorShape.PlainText, s_notFound), Is.EqualTo("[ERROR] Entry not found\n"));

    [Test]
    public void Messages_are_json_escaped() =>
        Assert.That(ErrorBodyWriter.RenderString(ErrorShape.SuccessError, ApiErrors.BadRequest("X", "say \"hi\"\n")),
            Is.EqualTo("""{"success":false,"error":"say \"hi\"\n"}"""));

    [Test]
    public void Bare_statuses_get_generic_messages()
    {
        Assert.That(ApiErrors.ForStatus(405).Message, Is.EqualTo("Method not allowed"));
        Assert.That(ApiErrors.ForStatus(502).Message, Is.EqualTo("Bad Gateway"));
    }
}
