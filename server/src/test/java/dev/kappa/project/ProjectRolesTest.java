package dev.kappa.project;

import dev.kappa.support.Http;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15, defect 10: engineers see and manage only the projects they manage; admins see all; managers are an API. */
class ProjectRolesTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Users.Created alice;
    static Users.Created bob;
    static long project;

    @BeforeAll
    static void setUp() {
        alice = server.engineer();
        bob = server.engineer();
        Http.Response created = alice.http().post("/api/projects", ProjectsTest.sentiment().put("name", "alice's"));
        assertEquals(201, created.status(), created.body());
        project = created.json().getLong("id");
    }

    private static List<Long> listed(Http http) {
        JsonArray a = http.get("/api/projects?limit=500").json().getJsonArray("projects");
        return a.stream().map(o -> ((JsonObject) o).getLong("id")).toList();
    }

    @Test
    @DisplayName("another team's engineer gets 404 on every operation of a project they do not manage, and does not see it listed")
    void foreignProjectIs404() {
        Users.Created carol = server.user("engineer", null);
        String base = "/api/projects/" + project;
        for (String path : List.of(base, base + "/members", base + "/managers", base + "/export", base + "/agreement",
                base + "/consensus", base + "/progress", base + "/annotators/quality")) {
            Http.Response r = carol.http().get(path);
            assertEquals(404, r.status(), "GET " + path + ": " + r.body());
            assertEquals("application/problem+json", r.header("Content-Type"));
        }
        assertEquals(404, carol.http().patch(base, new JsonObject().put("name", "taken")).status());
        assertEquals(404, carol.http().post(base + "/members", new JsonObject().put("user_id", carol.id())).status());
        assertEquals(404, carol.http().post(base + "/managers", new JsonObject().put("user_id", carol.id())).status(),
                "no one makes themselves a manager");
        assertFalse(listed(carol.http()).contains(project));
        assertTrue(listed(alice.http()).contains(project));
        assertTrue(listed(server.admin()).contains(project), "admins see every project");
        assertEquals(200, server.admin().get(base).status());
    }

    @Test
    @DisplayName("managers add and remove managers; only engineers can be added; the last manager stays")
    void managersApi() {
        String base = "/api/projects/" + project + "/managers";
        assertEquals(404, bob.http().get("/api/projects/" + project).status());
        Http.Response added = alice.http().post(base, new JsonObject().put("user_id", bob.id()));
        assertEquals(201, added.status(), added.body());
        assertEquals(bob.id(), added.json().getLong("user_id"));
        assertEquals(200, alice.http().post(base, new JsonObject().put("user_id", bob.id())).status(), "adding twice is a no-op");
        assertEquals(200, bob.http().get("/api/projects/" + project).status(), "a manager sees the project");
        assertTrue(listed(bob.http()).contains(project));
        Users.Created annotator = server.user("annotator", "crowd");
        Http.Response notEngineer = alice.http().post(base, new JsonObject().put("user_id", annotator.id()));
        assertEquals(422, notEngineer.status(), notEngineer.body());
        assertEquals("user_id", notEngineer.json().getString("field"));
        Http.Response list = bob.http().get(base);
        assertEquals(200, list.status());
        assertEquals(2, list.json().getJsonArray("managers").size());
        assertEquals(204, bob.http().delete(base + "/" + alice.id()).status());
        assertEquals(404, alice.http().get("/api/projects/" + project).status(), "a removed manager loses the project");
        Http.Response last = bob.http().delete(base + "/" + bob.id());
        assertEquals(409, last.status(), last.body());
        assertEquals(201, server.admin().post(base, new JsonObject().put("user_id", alice.id())).status(), "admins manage every project");
        assertEquals(200, alice.http().get("/api/projects/" + project).status());
    }

    @Test
    @DisplayName("the V081 migration makes every existing project's creator its manager, so upgrades lose no access")
    void migrationKeepsCreatorsAccess() throws Exception {
        String url = TestDatabases.create();
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            ds.setUser(TestDatabases.USER);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("080").load().migrate();
            try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
                s.execute("insert into users (id, email, display_name, role, password_hash) values (901, 'old-eng@kappa.test', 'Old', 'engineer', 'x'), (902, 'old-admin@kappa.test', 'Admin', 'admin', 'x')");
                s.execute("insert into projects (id, name, schema, created_by) values "
                        + "(801, 'old', '{\"kind\":\"single\",\"labels\":[{\"key\":\"a\",\"name\":\"a\"}]}', 901), "
                        + "(802, 'orphan', '{\"kind\":\"single\",\"labels\":[{\"key\":\"a\",\"name\":\"a\"}]}', null)");
            }
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select project_id, user_id from project_managers order by project_id")) {
                assertTrue(rs.next());
                assertEquals(801, rs.getLong(1));
                assertEquals(901, rs.getLong(2));
                assertFalse(rs.next(), "only creators become managers; admins need no row");
            }
        } finally {
            TestDatabases.drop(url);
        }
    }
}
