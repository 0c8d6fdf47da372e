using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using MultiMail.IntegrationTests.Infrastructure;
using MultiMail.IntegrationTests.Tools;

namespace MultiMail.IntegrationTests;

/// <summary>Explicit endpoints, DTOs, binding, typed results, static and nested generic containers.</summary>
public sealed class EdgeToolTests
{
    private readonly RecordingHandler _handler = new();

    private EdgeTools Tools() => new(TestClient.Create(_handler), "mbx_agent");

    [Fact]
    public async Task Dto_parameters_are_written_with_wire_names_and_validated()
    {
        var ticket = new Ticket("Printer on fire", Priority.Normal, 2) { Labels = new() { "hw" }, Assignee = "it@example.com" };
        await Tools().FileTicket("ops urgent", "created", ticket);

        var request = _handler.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal(TestClient.BaseAddress + "v1/tickets/ops%20urgent", request.Uri.AbsoluteUri);
        Assert.Equal(
            """{"event":"created","ticket":{"title":"Printer on fire","priority":"normal-ish","severity":2,"labels":["hw"],"assignee_email":"it@example.com"},"priority":"URGENT"}""",
            request.Body);
    }

    [Fact]
    public async Task Route_values_with_slashes_are_refused_even_on_explicit_endpoints()
    {
        var text = await Tools().FileTicket("ops/urgent", "created", new Ticket("t", Priority.Low));
        Assert.StartsWith("Invalid arguments for file-ticket: 'queue' must be a plain id", text);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Dto_constraints_are_checked_with_paths()
    {
        var text = await Tools().FileTicket("ops", "created", new Ticket("t", Priority.Low, 9) { Assignee = "nobody" });
        Assert.Contains("'ticket.severity' must be between 1 and 5 (got 9)", text);
        Assert.Contains("'ticket.assignee_email' must be an email address like name@example.com (got \"nobody\")", text);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Dto_arguments_from_the_model_use_defaults_aliases_and_setters()
    {
        var tools = (IMultiMailToolSet)Tools();
        await tools.InvokeAsync("file-ticket", """{"queue":"ops","event":"e","ticket":{"title":"t","priority":"critical"}}""");

        Assert.Equal("""{"event":"e","ticket":{"title":"t","priority":"URGENT","severity":3},"priority":"URGENT"}""", _handler.Single.Body);
    }

    [Fact]
    public async Task Bound_parameters_are_hidden_from_the_model_and_filled_by_the_application()
    {
        var tools = Tools();
        var descriptor = ((IMultiMailToolSet)tools).Tools.Single(t => t.Name == "check_my_inbox");
        Assert.DoesNotContain("mailbox_id", descriptor.ParametersJsonSchema);

        await ((IMultiMailToolSet)tools).InvokeAsync("check_my_inbox", """{"limit":3}""");
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes/mbx_agent/emails?limit=3", _handler.Requests[^1].Uri.AbsoluteUri);

        var text = await ((IMultiMailToolSet)tools).InvokeAsync("check_my_inbox", """{"mailbox_id":"mbx_someone_else"}""");
        Assert.StartsWith("Invalid arguments for check_my_inbox: unknown parameter 'mailbox_id' (expected one of: limit)", text);

        await ((IMultiMailToolSet)tools).InvokeAsync("send_email", """{"to":["a@example.com"],"subject":"s","markdown":"m"}""");
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes/mbx_default/send", _handler.Requests[^1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Typed_results_are_read_without_reflection_and_errors_throw()
    {
        _handler.Respond(HttpStatusCode.OK, """{"mailboxes":[{"id":"mbx_1","address":"a@x.multimail.dev","oversight_mode":"gated_send","created_at":1700000000,"last_seen":"2026-01-01T00:00:00Z","extra":true}]}""");
        var list = await Tools().ListMailboxesTyped();
        var mailbox = Assert.Single(list.Mailboxes);
        Assert.Equal("mbx_1", mailbox.Id);
        Assert.Equal("gated_send", mailbox.Mode);
        Assert.Equal(1700000000, mailbox.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), mailbox.LastSeen);

        _handler.Respond(HttpStatusCode.TooManyRequests, """{"error":"slow down"}""", r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));
        var error = await Assert.ThrowsAsync<MultiMailApiException>(() => Tools().ListMailboxesTyped());
        Assert.Equal(429, error.StatusCode);
        Assert.Equal("slow down", error.ApiMessage);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task Typed_results_through_InvokeAsync_are_serialized_back_and_errors_become_text()
    {
        var tools = (IMultiMailToolSet)Tools();
        _handler.Respond(HttpStatusCode.OK, """{"mailboxes":[{"id":"mbx_1","address":"a@x"}]}""");
        var text = await tools.InvokeAsync("list_mailboxes", "{}");
        Assert.Equal("""{"mailboxes":[{"id":"mbx_1","address":"a@x","created_at":0}]}""", text);

        _handler.Respond(HttpStatusCode.NotFound, """{"error":"Email not found"}""");
        text = await tools.InvokeAsync("read_email", """{"email_id":"em_x"}""");
        Assert.Equal("Error 404 (not found): Email not found. Check the id: list or search first to get a valid one.", text);

        text = await tools.InvokeAsync("delete_tag", """{"email_id":"em_x","key":"k"}""");
        Assert.Equal("""{"status":"ok"}""", text);
    }

    [Fact]
    public async Task Json_element_results_and_task_results()
    {
        _handler.Respond(HttpStatusCode.OK, """{"id":"em_1","markdown":"hi"}""");
        var email = await Tools().ReadEmailJson("em_1");
        Assert.Equal("hi", email.GetProperty("markdown").GetString());

        _handler.Respond(HttpStatusCode.NotFound, """{"error":"Tag not found"}""");
        var error = await Assert.ThrowsAsync<MultiMailApiException>(() => Tools().DeleteTagQuietly("em_1", "k"));
        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task Typed_tools_throw_argument_exceptions_for_invalid_arguments()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Tools().DeleteTagQuietly("..", "k"));
        Assert.Contains("'email_id' must be an id", error.Message);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Scalars_arrays_guids_and_dates_in_the_query()
    {
        var id = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        await Tools().GetItem(id, new long[] { 1, 2, 3 }, 0.5, new DateTime(2026, 5, 6, 7, 8, 9, 500, DateTimeKind.Utc));
        Assert.Equal(TestClient.BaseAddress + "v1/items/3f2504e0-4f89-11d3-9a0c-0305e82c3301?ids=1&ids=2&ids=3&ratio=0.5&after=2026-05-06T07%3A08%3A09.5Z", _handler.Single.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Static_tools_get_a_tool_set_from_a_client()
    {
        var client = TestClient.Create(_handler);
        await StaticTools.GetAccount(client);
        Assert.Equal(TestClient.BaseAddress + "v1/account", _handler.Requests[^1].Uri.AbsoluteUri);

        var set = StaticTools.CreateToolSet(client);
        Assert.Equal(new[] { "get_account", "search_contacts" }, set.Tools.Select(t => t.Name));
        await set.InvokeAsync("search_contacts", """{"q":"ann"}""");
        Assert.Equal(TestClient.BaseAddress + "v1/contacts?q=ann", _handler.Requests[^1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Nested_generic_struct_containers_work()
    {
        var inner = new Outer<int>.Inner<string>(TestClient.Create(_handler));
        await inner.ReadEmail("em_5");
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes/mbx_default/emails/em_5", _handler.Single.Uri.AbsoluteUri);
        Assert.Single(((IMultiMailToolSet)inner).Tools);
    }

    [Fact]
    public void Descriptions_come_from_xml_docs_and_attributes_with_whitespace_normalised()
    {
        var tools = EdgeTools.MultiMailTools;
        Assert.Equal("File a Ticket \"quoted\" \\ with code and event. Second line.", tools[0].Description);
        Assert.Equal("Look up items by numeric ids.", tools.Single(t => t.Name == "get_item").Description);
        using var schema = JsonDocument.Parse(tools.Single(t => t.Name == "get_item").ParametersJsonSchema);
        Assert.Equal("Only after this.", schema.RootElement.GetProperty("properties").GetProperty("after").GetProperty("description").GetString());
        Assert.Equal("uuid", schema.RootElement.GetProperty("properties").GetProperty("item_id").GetProperty("format").GetString());
    }
}
