package io.chorus.web.ops;

import static io.chorus.web.ops.MetricsServlet.Access.CLOSED;
import static io.chorus.web.ops.MetricsServlet.Access.OPEN;
import static io.chorus.web.ops.MetricsServlet.Access.WRONG_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricsServletTest {
    @Test
    void withoutAToken_developmentIsOpen_productionIsClosed() {
        assertEquals(OPEN, MetricsServlet.access("development", "", null));
        assertEquals(CLOSED, MetricsServlet.access("production", "", null));
        assertEquals(CLOSED, MetricsServlet.access("production", "  ", "Bearer anything"));
    }

    @Test
    void withAToken_onlyThatBearerTokenScrapes_inEveryMode() {
        for (String mode : new String[] {"development", "production"}) {
            assertEquals(OPEN, MetricsServlet.access(mode, "s3cret-scrape", "Bearer s3cret-scrape"));
            assertEquals(WRONG_TOKEN, MetricsServlet.access(mode, "s3cret-scrape", null));
            assertEquals(WRONG_TOKEN, MetricsServlet.access(mode, "s3cret-scrape", "Bearer s3cret-scrap"));
            assertEquals(WRONG_TOKEN, MetricsServlet.access(mode, "s3cret-scrape", "s3cret-scrape"));
        }
    }
}
