package dev.steadypod.reload;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds the {@link RequestGate} open for the whole of each request on the application
 * port.
 */
public class RequestGateFilter extends OncePerRequestFilter {

	private final RequestGate gate;

	public RequestGateFilter(RequestGate gate) {
		this.gate = gate;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.gate.enter();
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.gate.leave();
		}
	}

}
