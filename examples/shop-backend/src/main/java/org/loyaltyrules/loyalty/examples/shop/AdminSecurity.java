package org.loyaltyrules.loyalty.examples.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Protects {@code /admin/**} and the actuator's {@code /actuator/**} (metrics: rule base versions,
 * decision rates and error codes are operators' business) with a bearer token from {@code
 * shop.admin.token}; {@code /actuator/health} stays open for load balancers and shows no details,
 * and the customer endpoints stay open, as a shop's own servers call them. Every refusal uses the API's JSON error
 * shape ({@link ApiErrors.ErrorView}):
 *
 * <ul>
 *   <li>403 {@code cross-origin}: an admin request or preflight from another site's page (an
 *       {@code Origin} header that is not this server), refused before credentials are looked at;
 *   <li>401 {@code unauthorized}: no {@code Authorization: Bearer <token>} header, or another token;
 *   <li>403 {@code admin-disabled}: no token is configured, so no request can be an admin's. There is
 *       deliberately no default token: an unconfigured deployment has no working admin credential.
 * </ul>
 *
 * <p>A token shorter than {@value #MIN_TOKEN_LENGTH} characters stops the application at startup.
 * There are no sessions or cookies, so there is nothing for a forged cross-site request to ride on
 * and CSRF tokens are off.
 */
@Configuration
class AdminSecurity {
  private static final Logger LOG = LoggerFactory.getLogger(AdminSecurity.class);

  /** The shortest admin token accepted. */
  static final int MIN_TOKEN_LENGTH = 24;

  /** The one actuator endpoint open without the token: up or down, no details. */
  static final String HEALTH = "/actuator/health";

  /** @return whether the request is for an endpoint that needs the admin token */
  static boolean forAdmin(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.startsWith("/admin") || (path.startsWith("/actuator") && !path.equals(HEALTH));
  }

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, @Value("${shop.admin.token:}") String token,
      ObjectMapper json) throws Exception {
    byte[] expected = expected(token);
    http.csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new SameOriginAdmin(json), SecurityContextHolderFilter.class)
        .addFilterBefore(new BearerToken(expected), AuthorizationFilter.class)
        .authorizeHttpRequests(a -> a.requestMatchers(HEALTH).permitAll()
            .requestMatchers("/admin/**", "/actuator/**").hasRole("ADMIN").anyRequest().permitAll())
        .exceptionHandling(e -> e
            .authenticationEntryPoint((request, response, failure) -> refuse(json, response, expected))
            .accessDeniedHandler((request, response, failure) -> refuse(json, response, expected)));
    return http.build();
  }

  /** @return the token's bytes; null when none is configured (every admin request is then refused) */
  static byte[] expected(String token) {
    if (token == null || token.isBlank()) {
      LOG.warn("shop.admin.token is not set: the /admin endpoints refuse every request");
      return null;
    }
    if (token.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalStateException("Invalid configuration: shop.admin.token [" + token.length()
          + " characters]; expected at least " + MIN_TOKEN_LENGTH + " characters");
    }
    return token.getBytes(StandardCharsets.UTF_8);
  }

  private static void refuse(ObjectMapper json, HttpServletResponse response, byte[] expected) throws IOException {
    if (expected == null) {
      write(json, response, ApiErrors.ErrorView.of(HttpStatus.FORBIDDEN, "admin-disabled",
          "Admin endpoints disabled: shop.admin.token [unset]; expected a configured token", "configuration",
          "shop.admin.token", "unset", "a configured token"));
      return;
    }
    response.setHeader("WWW-Authenticate", "Bearer realm=\"shop-admin\"");
    write(json, response, ApiErrors.ErrorView.of(HttpStatus.UNAUTHORIZED, "unauthorized",
        "Unauthorized: Authorization [missing or not the admin token]; expected Bearer <shop.admin.token>",
        "admin request", "Authorization", null, "Bearer <shop.admin.token>"));
  }

  static void write(ObjectMapper json, HttpServletResponse response, ApiErrors.ErrorView error) throws IOException {
    response.setStatus(error.status());
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), error);
  }

  /** Authenticates a request carrying {@code Authorization: Bearer <the configured token>}. */
  private static final class BearerToken extends OncePerRequestFilter {
    private final byte[] expected;

    BearerToken(byte[] expected) {
      this.expected = expected;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String header = request.getHeader("Authorization");
      if (expected != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
          // constant time: how much of a guess matched does not show in the response time
          && MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8), expected)) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null,
            List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        SecurityContextHolder.setContext(context);
      }
      chain.doFilter(request, response);
    }
  }

  /**
   * Refuses admin requests sent by a page of another origin, preflights included: the admin
   * endpoints are for operators' tools, never for a browser page of another site.
   */
  private static final class SameOriginAdmin extends OncePerRequestFilter {
    private final ObjectMapper json;

    SameOriginAdmin(ObjectMapper json) {
      this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (forAdmin(request) && CorsUtils.isCorsRequest(request)) {
        String origin = request.getHeader("Origin");
        write(json, response, ApiErrors.ErrorView.of(HttpStatus.FORBIDDEN, "cross-origin",
            "Cross-origin request refused: Origin [" + ApiErrors.shorten(origin) + "]; expected no Origin or this server's",
            "admin request", "Origin", origin, "no Origin or this server's"));
        return;
      }
      chain.doFilter(request, response);
    }
  }
}
