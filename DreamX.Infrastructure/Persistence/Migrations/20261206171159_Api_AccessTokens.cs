using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DreamX.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Api_AccessTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "scopes",
                table: "personal_access_tokens",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "scopes",
                table: "personal_access_tokens");
        }
    }
}
