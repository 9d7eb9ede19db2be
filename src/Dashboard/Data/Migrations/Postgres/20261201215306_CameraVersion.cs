using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CameraVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Names are limited to 100 characters from now on: shorten longer ones so the column can shrink.
            migrationBuilder.Sql("UPDATE \"Cameras\" SET \"Name\" = left(\"Name\", 100) WHERE length(\"Name\") > 100;");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "Cameras",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<string>(
                name: "UpdatedBy",
                table: "Cameras",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Cameras",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UpdatedBy",
                table: "Cameras");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Cameras");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "Cameras",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);
        }
    }
}
