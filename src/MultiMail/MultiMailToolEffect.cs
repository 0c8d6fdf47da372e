namespace MultiMail;

/// <summary>What calling a tool does, as the MultiMail contract describes it.</summary>
public enum MultiMailToolEffect
{
    /// <summary>Reads data and changes nothing a user would notice (reading an email marks it read).</summary>
    Reads = 0,

    /// <summary>Changes state in MultiMail (tags, contacts, cancellation, oversight decisions) but sends no email.</summary>
    ChangesState = 1,

    /// <summary>Sends email (send, reply). Subject to the mailbox's oversight mode.</summary>
    SendsEmail = 2,
}
