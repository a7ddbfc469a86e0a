namespace DreamX.Domain.Characters;

/// <summary>How much of the story a character carries.</summary>
public enum CharacterLevel
{
    Major,
    Supporting,
    Minor,
    Extra,
}

public enum Gender
{
    Female,
    Male,
    Other,
}
