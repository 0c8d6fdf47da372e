using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>The address book (API.md §2.7).</summary>
internal sealed class ContactService
{
    private readonly SandboxDatabase _database;
    private readonly TimeProvider _time;

    public ContactService(SandboxDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public IReadOnlyList<ContactRecord> Search(string? query) => _database.Read(c => ContactRows.Search(c, query));

    public Task<ContactRecord> CreateAsync(string actor, string name, string email, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var contact = new ContactRecord(Ids.New("ct_", _time), name, email, tags, _time.GetUtcNow().ToUnixTimeMilliseconds());
        return _database.WriteAsync(
            (c, t) =>
            {
                ContactRows.Insert(c, t, contact);
                AuditRows.Insert(c, t, _time, "contact.create", "contact", contact.Id, actor, new { email = contact.Email });
                return contact;
            },
            cancellationToken);
    }

    /// <summary>Deletes a contact; the value says whether it existed.</summary>
    public Task<bool> DeleteAsync(string actor, string contactId, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            (c, t) =>
            {
                var removed = ContactRows.Delete(c, t, contactId);
                if (removed)
                {
                    AuditRows.Insert(c, t, _time, "contact.delete", "contact", contactId, actor);
                }

                return removed;
            },
            cancellationToken);
}
