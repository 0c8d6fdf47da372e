namespace Consumer;

public static class Keys
{
    public const string Authorization = "Bearer mm_live_abcdefghijklmnop";
}
