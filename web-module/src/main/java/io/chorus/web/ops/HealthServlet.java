package io.chorus.web.ops;

import io.chorus.app.json.Jsonp;
import io.chorus.web.ops.ReadinessChecks.Check;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /health/ready}: 200 {@code {"status":"UP","checks":[...]}} when the database and the broker
 * answer, else 503 with the same shape (MicroProfile Health's); for load balancers and orchestrators.
 * The server's own liveness stays at {@code :9990/health}.
 */
@WebServlet("/health/ready")
public class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    ReadinessChecks checks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Check> results = checks.run();
        boolean up = results.stream().allMatch(Check::up);
        JsonArrayBuilder array = Jsonp.array();
        for (Check check : results) {
            JsonObjectBuilder entry = Jsonp.object().add("name", check.name()).add("status", check.up() ? "UP" : "DOWN");
            if (check.error() != null) {
                entry.add("data", Jsonp.object().add("error", check.error()));
            }
            array.add(entry);
        }
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json");
        response.getOutputStream().write(Jsonp.object().add("status", up ? "UP" : "DOWN").add("checks", array).build()
                .toString().getBytes(StandardCharsets.UTF_8));
    }
}
