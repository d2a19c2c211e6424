package io.chorus.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All REST resources live under /api. */
@ApplicationPath("/api")
public class ChorusApplication extends Application {
}
